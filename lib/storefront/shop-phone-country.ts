import type { CountryCode } from "libphonenumber-js/max";

// A shop's time zone says where most of its shoppers dial from; only zones of single-country regions are listed.
const COUNTRY_BY_TIME_ZONE: Record<string, CountryCode> = {
  "America/Toronto": "CA",
  "America/Vancouver": "CA",
  "America/Edmonton": "CA",
  "America/Winnipeg": "CA",
  "America/Halifax": "CA",
  "America/St_Johns": "CA",
  "America/Regina": "CA",
  "America/Montreal": "CA",
  "America/Mexico_City": "MX",
  "America/Sao_Paulo": "BR",
  "America/Argentina/Buenos_Aires": "AR",
  "Europe/London": "GB",
  "Europe/Dublin": "IE",
  "Europe/Paris": "FR",
  "Europe/Berlin": "DE",
  "Europe/Madrid": "ES",
  "Europe/Rome": "IT",
  "Europe/Amsterdam": "NL",
  "Europe/Brussels": "BE",
  "Europe/Zurich": "CH",
  "Europe/Vienna": "AT",
  "Europe/Stockholm": "SE",
  "Europe/Oslo": "NO",
  "Europe/Copenhagen": "DK",
  "Europe/Helsinki": "FI",
  "Europe/Warsaw": "PL",
  "Europe/Lisbon": "PT",
  "Australia/Sydney": "AU",
  "Australia/Melbourne": "AU",
  "Australia/Brisbane": "AU",
  "Australia/Perth": "AU",
  "Australia/Adelaide": "AU",
  "Pacific/Auckland": "NZ",
  "Asia/Tokyo": "JP",
  "Asia/Singapore": "SG",
  "Asia/Kolkata": "IN",
  "Africa/Johannesburg": "ZA",
};

// Currencies used by one country only; a USD or EUR shop tells us nothing more than the time zone did.
const COUNTRY_BY_CURRENCY: Record<string, CountryCode> = {
  CAD: "CA",
  GBP: "GB",
  AUD: "AU",
  NZD: "NZ",
  MXN: "MX",
  BRL: "BR",
  JPY: "JP",
  INR: "IN",
  SGD: "SG",
  ZAR: "ZA",
  SEK: "SE",
  NOK: "NO",
  DKK: "DK",
  CHF: "CH",
  PLN: "PL",
};

/**
 * The country a shopper's phone number is read in when they type it without a country code: inferred from the
 * shop's time zone, then its currency; US when neither says.
 */
export function shopPhoneCountry(shop: { timeZone: string; currency: string }): CountryCode {
  return COUNTRY_BY_TIME_ZONE[shop.timeZone] ?? COUNTRY_BY_CURRENCY[shop.currency.toUpperCase()] ?? "US";
}
