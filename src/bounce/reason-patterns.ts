/**
 * What relays write, English and German, and the reason it names. The ORDER matters: a text can
 * name two things ("mailbox full or user unknown", "domain does not exist"), and the first entry
 * that matches wins: the specific states of an existing mailbox (full, too big, disabled, moved)
 * come before "does not exist", the domain before the user, content before reputation.
 * Patterns are plain alternations without nested quantifiers: they run on hostile text.
 */
import type { BounceReason } from "./types.js";

export const STRONG_PATTERNS: ReadonlyArray<readonly [BounceReason, RegExp]> = [
  [
    "mailboxfull",
    /mailbox (?:is )?full|mailbox quota|quota (?:exceeded|exceeds)|over ?quota|exceeded (?:storage|the quota)|is over (?:its |their )?quota|mailbox size limit|not enough (?:storage|space) in mailbox|error writing message: file too large|insufficient (?:mailbox )?storage|mailfolder is full|postfach(?: des empfängers)? (?:ist )?(?:voll|überfüllt)|speicherplatz (?:des (?:postfachs|empfängers) )?(?:ist )?(?:voll|erschöpft|überschritten)|kontingent überschritten|quota überschritten/i,
  ],
  [
    "mesgtoobig",
    /message (?:is )?too (?:big|large)|message size \d+ exceeds|message (?:size|length) exceeds|exceeds (?:the )?(?:maximum )?(?:message )?size limit|message file too big|size limit exceeded|mail size limit|nachricht ist zu gro(?:ß|ss)|zu gro(?:ß|ss)e nachricht|größenbeschränkung/i,
  ],
  ["exceedlimit", /message length exceeds administrative limit|exceeds administrative limit/i],
  [
    "suspend",
    /account (?:has been |is )?(?:disabled|suspended|deactivated|inactive|locked)|mailbox (?:is )?(?:disabled|inactive|suspended)|tried to reach is (?:disabled|inactive)|user (?:account )?(?:is )?(?:disabled|suspended)|postfach (?:ist )?(?:deaktiviert|gesperrt|stillgelegt)|konto (?:ist )?(?:deaktiviert|gesperrt)/i,
  ],
  [
    "hasmoved",
    /mailbox has moved|address has moved|user has moved|has been moved to|no longer (?:valid|in use|active|available) at this|ist umgezogen/i,
  ],
  [
    "hostunknown",
    /host (?:or domain name )?not found|domain \S+ (?:couldn't|could not) be found|host unknown|unknown host|domain (?:name )?not found|domain does not exist|no such domain|unknown domain|unrouteable mail domain|name service error|domain (?:is )?not (?:valid|resolvable)|nxdomain|domain existiert nicht|domain (?:ist )?unbekannt|unbekannte domain/i,
  ],
  ["notaccept", /null mx|does not accept (?:any )?mail|not accepting (?:network )?messages/i],
  [
    "userunknown",
    /user unknown|unknown user|no such (?:user|mailbox|recipient|account|address)|user (?:not found|doesn't exist|does not exist)|recipient (?:not found|unknown|does not exist)|recipientnotfound|unknown recipient|invalid recipient|address not found|address (?:couldn't|could not) be found|mailbox (?:not found|unavailable|does not exist|doesn't exist)|no mailbox here|not a valid mailbox|invalid mailbox|account (?:does not|doesn't) exist|tried to reach does not exist|doesn't have a \S+ account|unrouteable address|unknown or illegal alias|recipient address rejected: (?:user unknown|unknown|undeliverable address)|address (?:does not|doesn't) exist|adresse des empfängers existiert nicht|empfänger(?:adresse)? (?:existiert nicht|unbekannt|nicht gefunden)|(?:benutzer|postfach|e-mail-adresse|adresse|empfänger) (?:ist )?(?:unbekannt|existiert nicht|nicht gefunden)|existiert nicht|gibt es nicht|ungültige(?:r)? empfänger/i,
  ],
  ["virusdetected", /virus|malware|infected|schadsoftware/i],
  [
    "spamdetected",
    /\bspam\b|unsolicited (?:mail|bulk|commercial)|junk mail|bulk mail|spam score|spamassassin|content filter(?:ing)? (?:rejected|detected)|als spam|spamverdacht/i,
  ],
  [
    "blocked",
    /blocked using|block ?list(?:ed)?|black ?list(?:ed)?|listed (?:in|on|at) |spamhaus|\bdnsbl\b|\brbl\b|client host (?:\S+ )?rejected|ip (?:address )?(?:reputation|\S+ (?:is )?(?:blocked|listed))|poor reputation|bad reputation|sender reputation|reputation (?:of|is)|not allowed to send|temporarily deferred due to user complaints|\[ts\d\d\]|\(s3140\)|banned sender|access denied,? banned|your (?:ip|network) (?:address )?(?:is|has been) (?:blocked|listed)|blockiert|gesperrte ip/i,
  ],
  ["securityerror", /\bspf\b|\bdkim\b|\bdmarc\b|authentication (?:required|failed)|must use tls|encryption required|starttls required/i],
  ["policyviolation", /policy (?:violation|reasons|rejection)|violates? (?:our |the )?(?:policy|policies)|richtlinie/i],
  [
    "rejected",
    /sender (?:address )?(?:rejected|denied|refused)|sender domain (?:must exist|not found)|domain of sender address|absender(?:adresse)? (?:abgelehnt|unbekannt)/i,
  ],
  ["filtered", /\bfiltered\b|rejected by (?:the )?recipient|recipient (?:has )?(?:blocked|rejected) (?:you|the sender|your)/i],
  [
    "expired",
    /retry timeout exceeded|delivery time expired|message expired|has been delayed for too long|could not be delivered (?:within|for) \d+|queue lifetime|too long in (?:the )?queue|gave up (?:on|after)|retry time not reached for any host|zeitüberschreitung|zustellung (?:wurde )?abgebrochen/i,
  ],
  ["toomanyconn", /too many (?:connections|concurrent|messages|recipients)|rate limit(?:ed)?|try again later, closing connection/i],
  ["systemfull", /insufficient (?:system )?storage|disk (?:is )?full|out of disk space/i],
  ["norelaying", /relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed)|we do not relay/i],
];

/**
 * Texts too vague to beat a specific status code ("input/output error" is how Postfix reports a
 * full mailbox with status 5.2.2), but better than nothing when no code says more.
 */
export const WEAK_PATTERNS: ReadonlyArray<readonly [BounceReason, RegExp]> = [
  [
    "networkerror",
    /connection (?:timed out|refused|reset)|network is unreachable|no route to host|mail loop|too many hops|lost connection/i,
  ],
  [
    "systemerror",
    /temporary (?:local )?(?:problem|failure|error)|internal (?:server )?error|system error|input\/output error|mail system configuration error|local error/i,
  ],
];

/** The first reason a list names in the text, or null. */
export function matchReason(patterns: ReadonlyArray<readonly [BounceReason, RegExp]>, text: string): BounceReason | null {
  for (const [reason, pattern] of patterns) if (pattern.test(text)) return reason;
  return null;
}
