/** Handlebars sources of the preview's own pages (strict, escaping: CSV text shows as text). */

const HEAD = `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{title}} – koepfe preview</title>
<style>
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fbfaf7; }
header, main { max-width: 90rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 1px solid #1b1b1b; }
h1 { margin: 0; font-size: 1.5rem; } h2 { margin: 2rem 0 0.5rem; font-size: 1.25rem; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid #dcd6cc; text-align: left; vertical-align: top; }
th { background: #f3eee6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #9b1c1c; font-weight: 700; } .ok { color: #1a5428; font-weight: 700; }
.issue { margin: 1.5rem 0; } .frames { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.frames figure { margin: 0; } iframe { border: 1px solid #1b1b1b; background: #fff; }
pre { white-space: pre-wrap; background: #fff; padding: 1rem; border: 1px solid #dcd6cc; }
a { color: #9b1c1c; }
</style>
</head>
<body>`;

const FOOT = `<script src="/_koepfe/reload.js" defer></script>
</body>
</html>
`;

const PROBLEMS = `{{#if problems.length}}
<table id="probleme">
<thead><tr><th scope="col">Stelle</th><th scope="col">Schwere</th><th scope="col">Code</th><th scope="col">Meldung</th></tr></thead>
<tbody>
{{#each problems}}<tr><td>{{where}}</td><td{{#if error}} class="error"{{/if}}>{{severity}}</td><td>{{code}}</td><td>{{message}}</td></tr>
{{/each}}
</tbody>
</table>
{{else}}<p>Keine Probleme.</p>{{/if}}`;

export const DASHBOARD = `${HEAD}
<header><h1>{{title}}: Vorschau</h1>
<p><span class="ok">Gebaut</span> um {{builtAt}} in {{seconds}} s: {{pages}} Seiten, {{mails}} Mails. <a href="{{siteHref}}">Zur Website</a></p></header>
<main>
<h2>Hinweise von check</h2>
${PROBLEMS}
<h2>Rangliste</h2>
<table id="rangliste">
<thead><tr><th scope="col">{{#if ranked}}Platz{{else}}Nr.{{/if}}</th><th scope="col">Bewegung</th><th scope="col">Punkte</th><th scope="col">Name</th><th scope="col">Firma</th><th scope="col">Kategorie</th><th scope="col">Stimmzettel</th><th scope="col">Stimmen</th><th scope="col">Jury J</th><th scope="col">Tie-Break</th><th scope="col">Erklärung</th></tr></thead>
<tbody>
{{#each ranking}}<tr><td class="num">{{place}}</td><td>{{movement}}</td><td class="num">{{points}}</td><td>{{name}}</td><td>{{company}}</td><td>{{category}}</td><td class="num">{{ballots}}</td><td class="num">{{votes}}</td><td class="num">{{jury}}</td><td>{{tieBrokenBy}}</td><td><a href="{{explainHref}}">erklären</a></td></tr>
{{/each}}
</tbody>
</table>
<h2>Newsletter</h2>
{{#each issues}}
<section class="issue">
<h3>Ausgabe {{number}}: {{subject}}</h3>
<p>Mail-HTML {{html}}, Text {{text}} · <a href="{{href}}">Webversion öffnen</a></p>
<div class="frames">
<figure><iframe src="{{href}}" title="Ausgabe {{number}}, Desktop (600 px)" width="600" height="900" loading="lazy"></iframe><figcaption>Desktop, 600 px</figcaption></figure>
<figure><iframe src="{{href}}" title="Ausgabe {{number}}, Mobil (375 px)" width="375" height="900" loading="lazy"></iframe><figcaption>Mobil, 375 px</figcaption></figure>
</div>
</section>
{{else}}<p>Diese Ausgabe hat keinen Newsletter.</p>{{/each}}
</main>
${FOOT}`;

export const FAILED = `${HEAD}
<header><h1>koepfe: Vorschau</h1></header>
<main>
{{#if building}}<p>Die Ausgabe wird gebaut …</p>{{else}}
<p class="error">Die Ausgabe hat Fehler: die Website wird wieder angezeigt, sobald sie behoben sind (Stand {{builtAt}}).</p>
<p><code>{{code}}</code></p>
<pre>{{message}}</pre>
${PROBLEMS}
{{/if}}
</main>
${FOOT}`;

export const EXPLAIN = `${HEAD}
<header><h1>Erklärung: {{name}}</h1><p><a href="/_koepfe/">Zurück zur Übersicht</a></p></header>
<main>
<pre>{{text}}</pre>
</main>
${FOOT}`;
