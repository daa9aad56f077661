import { SegmentedMessage } from "sms-segments-calculator";

export type SmsMeasurement = {
  /** Characters as carriers count them (GSM-7 extension characters such as € count twice). */
  characters: number;
  segments: number;
  encoding: "GSM-7" | "UCS-2";
  /** The characters that force UCS-2, so the merchant can replace them to fit more in a segment. */
  nonGsmCharacters: string[];
};

/** How an SMS body is billed: its encoding and the number of segments, as Twilio's calculator counts them. */
export function measureSms(text: string): SmsMeasurement {
  const message = new SegmentedMessage(text);
  return {
    characters: message.numberOfCharacters,
    segments: text.length === 0 ? 0 : message.segmentsCount,
    encoding: message.encodingName,
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}
