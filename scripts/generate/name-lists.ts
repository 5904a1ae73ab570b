/**
 * Word lists for fictional people. First and family names are common German (and German-resident)
 * names combined at random; the lists lean on umlauts, ß and accents so folding and sorting are
 * exercised. No list entry names a real person.
 */

export const FEMALE_FIRST = [
  "Anna", "Julia", "Katrin", "Sabine", "Miriam", "Jördis", "Lena", "Hanna", "Jana", "Nele", "Maren", "Svenja",
  "Friederike", "Ute", "Bärbel", "Dörte", "Käthe", "Özlem", "Gül", "Aylin", "Leyla", "Zoë", "Renée", "Anna-Lena",
  "Mareike", "Christiane", "Franziska", "Henrike", "Isabel", "Johanna", "Karolin", "Larissa", "Marlene", "Nadine",
  "Petra", "Ricarda", "Stefanie", "Tanja", "Viola", "Wiebke", "Yvonne", "Antje", "Birte", "Carola", "Daniela",
  "Elif", "Fenja", "Greta", "Ilka", "Jasmin", "Kerstin", "Lisa-Marie", "Merle", "Nora", "Ronja", "Sünje",
  "Theresa", "Ulrike", "Verena", "Malin", "Thea",
] as const;

export const MALE_FIRST = [
  "Jürgen", "Björn", "Sören", "Jörg", "Götz", "Jöran", "Lüder", "Ömer", "Mehmet", "Thomas", "Matthias", "Stefan",
  "Christian", "Florian", "Sebastian", "Tobias", "Jan-Hendrik", "Hauke", "Malte", "Niklas", "Ole", "Philipp",
  "Rüdiger", "Sven", "Timo", "Uwe", "Volker", "Wolfgang", "Andreas", "Benedikt", "Carsten", "Dirk", "Emre",
  "Frank", "Georg", "Henning", "Ingo", "Jonas", "Kai-Uwe", "Lars", "Moritz", "Nils", "Oliver", "Patrick", "Ralf",
  "Simon", "Till", "Ulf", "Vincent", "Wilhelm", "Yusuf", "Konstantin", "Maximilian", "Friedemann", "Léon",
  "Joachim", "Detlef", "Hendrik", "Arne", "Fynn",
] as const;

export const NEUTRAL_FIRST = ["Kim", "Robin", "Luca", "Sascha", "Toni", "Alex", "Charlie", "Jona"] as const;

export const FAMILY = [
  "Müller", "Schäfer", "Köhler", "Krüger", "Böhm", "Jäger", "Möller", "Hübner", "Gärtner", "Brückner", "Fröhlich",
  "Kühn", "Löffler", "Dürr", "Groß", "Weiß", "Strauß", "Voß", "Preuß", "Fuß", "Roßbach", "Meißner", "Neuß",
  "Grießhaber", "Weißenborn", "Lübben", "Stöckl", "Bräuer", "Hölscher", "Tödter", "Düring", "Pöschl", "Kröger",
  "Rößler", "Häusler", "Nüßlein", "Schüßler", "Kößler", "Mühlhaus", "Wölfel", "Zöllner", "Grünewald", "Oberländer",
  "Nießen", "Brandt", "Hoffmann", "Wagner", "Becker", "Richter", "Neumann", "Schwarz", "Zimmermann", "Hartmann",
  "Lange", "Krause", "Lehmann", "Winkler", "Haas", "Sommer", "Vogt", "Kaiser", "Engel", "Friedrich", "Baumann",
  "Franke", "Albrecht", "Schuster", "Ludwig", "Böttcher", "Kuhn", "Pohl", "Arnold", "Thiel", "Keller", "Busch",
  "Seidel", "Ziegler", "Heinrich", "Voigt", "Graf", "Kraft", "Ebert", "Sauer", "Wendt", "Dietrich", "Kühne",
  "Stein", "Jansen", "Petersen", "Nowak", "Yilmaz", "Kaya", "Demir", "Schulze-Böhm", "Ostermann", "Abendroth",
  "Ehrhardt", "Falkenberg", "Hagedorn", "Kirchhoff", "Mertens", "Pfeiffer", "Rautenberg", "Siebert", "Tiedemann",
  "Uhlig", "Vierling", "Wittkowski", "Flaig", "Sommerfeld", "Achterberg", "Bergmann-Özdemir", "Clausen", "Dörfler",
  "Eckhoff", "Feddersen", "Gößling", "Hinrichs", "Iversen", "Jürgensen", "Kämmerer", "Lindemann", "Marquardt",
  "Nöthen", "Overbeck", "Plöger", "Quast", "Reimers", "Sänger", "Thürmer", "Utecht", "Wübbena", "Zacharias",
  "von der Heide", "von Aschenbach", "von Löwenstedt",
] as const;

export const PHOTOGRAPHERS = [
  "Jana Ostermann", "Malte Rüdiger", "Studio Lichtblick", "Tessa Brünning", "Ole Fährmann", "Ines Wöhrle",
  "Bildwerk Nord", "Paulina Größel", "Konrad Steffens", "Mira Düsterhoff",
] as const;
