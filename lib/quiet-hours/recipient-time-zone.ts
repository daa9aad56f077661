import { parsePhoneNumberFromString } from "libphonenumber-js/max";

// North American area codes by time zone. States and provinces that straddle two zones use their main one; an
// area code not listed (new overlays, non-geographic codes) falls back to the shop's zone.
const NANP_ZONES: Record<string, string> = {
  "America/Los_Angeles":
    "209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951 206 253 360 425 509 564 458 503 541 971 702 725 775",
  "America/Vancouver": "236 250 604 672 778",
  "America/Phoenix": "480 520 602 623 928",
  "America/Denver": "303 719 720 970 983 385 435 801 505 575 406 307 208 986 915",
  "America/Edmonton": "368 403 587 780 825",
  "America/Chicago":
    "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979 217 224 309 312 331 447 464 618 630 708 773 779 815 847 872 218 320 507 612 651 763 952 262 274 414 534 608 715 920 314 417 557 573 636 660 816 975 319 515 563 641 712 225 318 337 504 985 405 539 572 580 918 316 620 785 913 308 402 531 479 501 870 228 601 662 769 205 251 256 334 659 938 615 629 731 901 931 701 605 270 364",
  "America/Winnipeg": "204 431",
  "America/Regina": "306 639",
  "America/New_York":
    "212 315 332 347 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934 201 551 609 640 732 848 856 862 908 973 215 223 267 272 412 445 484 570 582 610 717 724 814 835 878 239 305 321 352 386 407 448 561 645 656 689 727 728 754 772 786 813 863 904 941 954 229 404 470 478 678 706 762 770 912 943 252 336 472 704 743 828 910 919 980 984 803 839 843 854 864 276 434 540 571 703 757 804 826 948 240 301 410 443 667 202 302 339 351 413 508 617 774 781 857 978 203 475 860 959 401 603 802 207 216 220 234 283 326 330 380 419 436 440 513 567 614 740 937 231 248 269 313 517 586 616 734 810 906 947 989 260 317 463 574 765 812 930 502 606 859 304 681 423 865",
  "America/Toronto":
    "226 249 289 343 365 416 437 519 548 613 647 683 705 742 753 807 905 263 354 367 418 438 450 468 514 579 581 819 873",
  "America/Halifax": "782 902 506",
  "America/St_Johns": "709",
  "America/Anchorage": "907",
  "Pacific/Honolulu": "808",
  "America/Puerto_Rico": "787 939",
};

const ZONE_BY_AREA_CODE = new Map(
  Object.entries(NANP_ZONES).flatMap(([zone, codes]) => codes.split(" ").map((code) => [code, zone] as const)),
);

// Countries with one time zone (or one that nearly everyone lives in).
const ZONE_BY_COUNTRY: Record<string, string> = {
  GB: "Europe/London",
  IE: "Europe/Dublin",
  FR: "Europe/Paris",
  DE: "Europe/Berlin",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  CH: "Europe/Zurich",
  AT: "Europe/Vienna",
  SE: "Europe/Stockholm",
  NO: "Europe/Oslo",
  DK: "Europe/Copenhagen",
  FI: "Europe/Helsinki",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  GR: "Europe/Athens",
  CZ: "Europe/Prague",
  HU: "Europe/Budapest",
  RO: "Europe/Bucharest",
  IL: "Asia/Jerusalem",
  AE: "Asia/Dubai",
  IN: "Asia/Kolkata",
  SG: "Asia/Singapore",
  HK: "Asia/Hong_Kong",
  JP: "Asia/Tokyo",
  KR: "Asia/Seoul",
  CN: "Asia/Shanghai",
  PH: "Asia/Manila",
  NZ: "Pacific/Auckland",
  ZA: "Africa/Johannesburg",
  NG: "Africa/Lagos",
  KE: "Africa/Nairobi",
  AR: "America/Argentina/Buenos_Aires",
  CO: "America/Bogota",
  PE: "America/Lima",
  CL: "America/Santiago",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  AU: "Australia/Sydney",
};

/**
 * The recipient's time zone as far as the number tells: the area code for North American numbers, the country
 * for single-zone countries (Australia and Brazil: their most populous zone), else `fallback` (the shop's).
 */
export function recipientTimeZone(phone: string, fallback: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return fallback;
  if (parsed.countryCallingCode === "1") {
    return ZONE_BY_AREA_CODE.get(parsed.nationalNumber.slice(0, 3)) ?? fallback;
  }
  // A number libphonenumber cannot place exactly (a reserved range) still belongs to its calling code's countries.
  const country = parsed.country ?? parsed.getPossibleCountries()[0];
  return (country && ZONE_BY_COUNTRY[country]) || fallback;
}
