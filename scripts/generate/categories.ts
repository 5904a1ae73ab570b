/**
 * The six categories of the sample edition with what the generator needs to write about them:
 * company name parts, gendered roles and topics for laudations and author bios.
 */

/** A role in three forms: for women, for men, and gender-neutral (the English title, as the trade uses it). */
export type Role = readonly [w: string, m: string, d: string];

export interface CategoryPlan {
  id: string;
  name: string;
  /** Share of the nominees; the sample's 20/18/18/16/14/14. */
  share: number;
  companyKinds: readonly string[];
  roles: readonly Role[];
  topics: readonly string[];
  /** What a nominee of this category achieved, in the accusative ("den Relaunch der Marke"). */
  feats: readonly string[];
}

export const CATEGORY_PLANS: readonly CategoryPlan[] = [
  {
    id: "marketing",
    name: "Marketing",
    share: 20,
    companyKinds: ["Getränke", "Molkerei", "Feinkost", "Reisen", "Versicherung", "Mobilität", "Sportartikel", "Kosmetik", "Brauerei", "Energie", "Haushaltsgeräte", "Modehaus"],
    roles: [
      ["Chief Marketing Officer", "Chief Marketing Officer", "Chief Marketing Officer"],
      ["Marketingleiterin", "Marketingleiter", "Head of Marketing"],
      ["Vorständin Marketing & Vertrieb", "Vorstand Marketing & Vertrieb", "Vorstand Marketing & Vertrieb"],
      ["Head of Brand", "Head of Brand", "Head of Brand"],
      ["Geschäftsführerin Marketing", "Geschäftsführer Marketing", "Managing Director Marketing"],
    ],
    topics: ["Markenführung", "Purpose-Marketing", "Sponsoring", "Kundenbindung", "Markenvertrauen"],
    feats: ["den Relaunch der Dachmarke", "eine vielbeachtete Nachhaltigkeitskampagne", "den Umbau des Marketings zu einem datengetriebenen Team", "die Rückkehr der Marke in die Top 3 ihres Segments"],
  },
  {
    id: "agenturen",
    name: "Agenturen",
    share: 18,
    companyKinds: ["Kommunikation", "Werbeagentur", "Markenberatung", "Kreativagentur", "Mediaagentur", "PR", "Digitalagentur", "& Partner", "& Söhne Kommunikation"],
    roles: [
      ["Gründerin & CEO", "Gründer & CEO", "CEO"],
      ["Geschäftsführerin", "Geschäftsführer", "Managing Director"],
      ["Chief Creative Officer", "Chief Creative Officer", "Chief Creative Officer"],
      ["Managing Partner", "Managing Partner", "Managing Partner"],
      ["Strategiechefin", "Strategiechef", "Head of Strategy"],
    ],
    topics: ["Pitch-Kultur", "Beratung auf Augenhöhe", "Agenturvergütung", "Talentförderung", "Kreativität im Agenturgeschäft"],
    feats: ["drei gewonnene Etat-Pitches in Folge", "den Aufbau eines eigenen KI-Labors", "eine Viertagewoche für die ganze Agentur", "die Fusion zweier Traditionsagenturen"],
  },
  {
    id: "medien",
    name: "Medien",
    share: 18,
    companyKinds: ["Media", "Verlag", "Medienhaus", "Rundfunk", "Podcast-Studio", "Zeitungsgruppe", "Verlagsgruppe", "TV"],
    roles: [
      ["Chefredakteurin", "Chefredakteur", "Editor-in-Chief"],
      ["Verlagsleiterin", "Verlagsleiter", "Publishing Director"],
      ["Programmdirektorin", "Programmdirektor", "Program Director"],
      ["Chief Digital Officer", "Chief Digital Officer", "Chief Digital Officer"],
      ["Herausgeberin", "Herausgeber", "Publisher"],
    ],
    topics: ["Qualitätsjournalismus", "Abo-Modelle", "Audio und Podcasts", "Lokaljournalismus", "Vertrauen in Medien"],
    feats: ["den Sprung über 100.000 Digital-Abos", "einen Podcast, der wochenlang die Charts anführte", "die Neuaufstellung der Lokalredaktionen", "ein preisgekröntes Rechercheformat"],
  },
  {
    id: "tech-ki",
    name: "Tech & KI",
    share: 16,
    companyKinds: ["Labs", "Analytics", "Systems", "Data", "AI", "Software", "Cloud", "Robotics"],
    roles: [
      ["Chief Technology Officer", "Chief Technology Officer", "Chief Technology Officer"],
      ["Mitgründerin & CTO", "Mitgründer & CTO", "CTO"],
      ["Head of AI", "Head of AI", "Head of AI"],
      ["Leiterin Data Science", "Leiter Data Science", "Head of Data Science"],
      ["Produktchefin", "Produktchef", "Head of Product"],
    ],
    topics: ["generative KI", "Datenschutz by Design", "Marketing-Automatisierung", "Datenstrategie", "Open Source"],
    feats: ["ein Sprachmodell für den Mittelstand", "eine Plattform, die Kampagnen in Echtzeit aussteuert", "eine Series-B-Finanzierung mitten in der Flaute", "ein Open-Source-Werkzeug, das inzwischen Hunderte Teams nutzen"],
  },
  {
    id: "commerce",
    name: "Commerce",
    share: 14,
    companyKinds: ["Handel", "Marktplatz", "Versand", "Retail", "Commerce", "Warenhaus", "Direktvertrieb"],
    roles: [
      ["Chief Commercial Officer", "Chief Commercial Officer", "Chief Commercial Officer"],
      ["Geschäftsführerin E-Commerce", "Geschäftsführer E-Commerce", "Managing Director E-Commerce"],
      ["Head of Retail Media", "Head of Retail Media", "Head of Retail Media"],
      ["Vorständin Digitales", "Vorstand Digitales", "Vorstand Digitales"],
      ["Gründerin, Geschäftsführerin", "Gründer, Geschäftsführer", "Founder, Managing Director"],
    ],
    topics: ["Retail Media", "Plattformökonomie", "Social Commerce", "Omnichannel-Handel", "Kundendaten"],
    feats: ["ein Retail-Media-Netzwerk mit zweistelligem Millionenumsatz", "den Neustart des Onlineshops", "die Verzahnung von Filiale und App", "einen Marktplatz für regionale Händler"],
  },
  {
    id: "kreation",
    name: "Kreation",
    share: 14,
    companyKinds: ["Studio", "Atelier", "Designbüro", "Filmproduktion", "Gestaltung", "Bildwerk", "Typowerkstatt"],
    roles: [
      ["Executive Creative Director", "Executive Creative Director", "Executive Creative Director"],
      ["Kreativdirektorin", "Kreativdirektor", "Creative Director"],
      ["Designerin & Gründerin", "Designer & Gründer", "Designer & Founder"],
      ["Regisseurin", "Regisseur", "Director"],
      ["Art Director", "Art Director", "Art Director"],
    ],
    topics: ["Markengestaltung", "Bewegtbild", "Typografie", "Kampagnenideen", "Barrierefreies Design"],
    feats: ["einen Spot, über den das halbe Land sprach", "ein neues Erscheinungsbild für eine Traditionsmarke", "eine Kampagne, die gleich mehrere Kreativpreise gewann", "eine Schrift, die inzwischen ganze Städte tragen"],
  },
];

/** Invented first halves of company names. */
export const COMPANY_PREFIXES = [
  "Nordlicht", "Kranich", "Elbkante", "Lindenblatt", "Sternwarte", "Rheinblick", "Alpenglühen", "Möwenstein",
  "Fuchsbau", "Weidenhof", "Ostwind", "Silberfisch", "Blaupause", "Feuerwerk", "Lichtung", "Brückenschlag",
  "Holunder", "Kieselstein", "Ankerplatz", "Leuchtturm", "Morgenröte", "Eichenlaub", "Sonnenhang", "Tannenzapfen",
  "Hafenkran", "Löwenzahn", "Grünspan", "Zugvogel", "Wellenreiter", "Bernstein", "Schwalbennest", "Funkenflug",
  "Mühlrad", "Kompassrose", "Fährmann", "Weitblick", "Glücksklee", "Dünenweg", "Polarstern", "Sperling",
  "Ginster", "Feldlerche", "Isarufer", "Mainblick", "Kupferdach", "Schieferhaus", "Backstein", "Zinnober",
  "Ultramarin", "Papierflieger", "Wasserturm", "Heidekraut", "Quellwasser", "Sandbank", "Birkenhain", "Rotkehlchen",
  "Schneeeule", "Kornblume", "Salzwiese", "Deichgraf", "Uferweg", "Lerchenfeld", "Abendstern", "Nebelbank",
  "Marktbrunnen", "Ährenfeld", "Fliederweg", "Strandgut", "Eisvogel", "Schilfrohr", "Brombeer", "Königsfarn",
  "Seidenweber", "Goldammer", "Hopfenblüte", "Steinbock", "Talblick", "Windrose", "Zaunkönig", "Wanderdüne",
] as const;

export const LEGAL_FORMS = ["GmbH", "AG", "GmbH & Co. KG", "SE", "KG", "UG", ""] as const;
