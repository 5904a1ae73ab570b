/** Where the sign-up form posts: newsletter.subscribe_url, or /anmelden at the origin of unsubscribe_url (the same server). */
import type { NewsletterConfig } from "../edition/config-schema.js";

export function subscribeUrlOf(newsletter: Pick<NewsletterConfig, "subscribe_url" | "unsubscribe_url">): string {
  return newsletter.subscribe_url ?? new URL("/anmelden", newsletter.unsubscribe_url).href;
}
