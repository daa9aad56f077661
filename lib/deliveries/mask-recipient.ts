/** Shows enough of a phone or email to recognise it, not enough to use it: +1•••••0123, m•••@demo.test. */
export function maskRecipient(phone: string | null, email: string | null): string {
  if (phone) return phone.length > 6 ? `${phone.slice(0, 2)}${"•".repeat(phone.length - 6)}${phone.slice(-4)}` : "••••";
  if (email) {
    const [local = "", domain = ""] = email.split("@");
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  return "—";
}
