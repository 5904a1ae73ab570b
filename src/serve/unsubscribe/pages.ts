/** The few German pages of the unsubscribe server. Only our own fixed texts and an escaped, masked address. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#b00020;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>
`;
}

/** "anna.mueller@example.org" → "a…r@example.org": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local.slice(0, 1)}…` : `${local.slice(0, 1)}…${local.slice(-1)}`;
  return `${shown}${email.slice(at)}`;
}

export function confirmPage(listTitle: string, email: string, action: string): string {
  return page(
    `Abmelden: ${listTitle}`,
    `<h1>Newsletter abbestellen</h1>
<p>Möchten Sie den Newsletter „${escapeHtml(listTitle)}“ für <strong>${escapeHtml(maskEmail(email))}</strong> abbestellen?</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Jetzt abmelden</button></form>
<p>Sie erhalten danach keine weiteren Ausgaben dieses Newsletters.</p>`,
  );
}

export function donePage(listTitle: string): string {
  return page(
    "Abgemeldet",
    `<h1>Sie sind abgemeldet</h1><p>Sie erhalten keine weiteren Ausgaben von „${escapeHtml(listTitle)}“. Wir bedauern, dass Sie gehen.</p>`,
  );
}

export function invalidPage(): string {
  return page(
    "Link ungültig",
    "<h1>Dieser Abmeldelink ist ungültig</h1><p>Bitte verwenden Sie den vollständigen Link aus der E-Mail oder antworten Sie auf die E-Mail mit der Bitte um Abmeldung.</p>",
  );
}

export function errorPage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
