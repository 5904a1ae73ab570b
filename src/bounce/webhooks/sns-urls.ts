/**
 * Which URLs in an SNS message may be fetched: the SigningCertURL (checked before we trust the
 * signature, so until then it is the attacker's choice) and the SubscribeURL. Both must be plain
 * https to an SNS regional endpoint. The raw string is matched by a strict pattern instead of asking a
 * URL parser: parsers disagree on backslashes, userinfo, ports, percent-encoded or upper-case hosts
 * and trailing dots, and a string one parser reads as sns.…amazonaws.com may be fetched elsewhere by
 * another. The pattern admits none of those characters, so every parser sees the same host.
 */

// sns.eu-central-1.amazonaws.com, sns.us-gov-west-1.amazonaws.com, sns.cn-north-1.amazonaws.com.cn
const SNS_HOST = String.raw`sns\.[a-z]{2}(?:-[a-z]+)+-\d{1,2}\.amazonaws\.com(?:\.cn)?`;
// the host is followed directly by "/": no userinfo, no port; the path has no "?", "#", "%" or "\"
const CERT_URL = new RegExp(String.raw`^https://${SNS_HOST}/[A-Za-z0-9._/-]+\.pem$`);
const SUBSCRIBE_URL = new RegExp(String.raw`^https://${SNS_HOST}/\?[A-Za-z0-9._~%=&:+-]+$`);

/** True for https://sns.<region>.amazonaws.com[.cn]/<name>.pem: no userinfo, port, query, fragment or "..". */
export function isSnsSigningCertUrl(raw: string): boolean {
  return CERT_URL.test(raw) && !raw.includes("..");
}

/**
 * True for SNS's confirmation link, https://sns.<region>.amazonaws.com/?Action=ConfirmSubscription&TopicArn=…&Token=…,
 * for the topic the (verified) message names.
 */
export function isSnsSubscribeUrl(raw: string, topicArn: string): boolean {
  if (!SUBSCRIBE_URL.test(raw)) return false;
  const params = new URL(raw).searchParams;
  return params.get("Action") === "ConfirmSubscription" && params.get("TopicArn") === topicArn && (params.get("Token") ?? "") !== "";
}
