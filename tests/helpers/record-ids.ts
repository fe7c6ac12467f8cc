/**
 * Spellings that name no record (lib/records/parse-record-id.ts): not canonical decimal, or outside
 * 1…2^63-1. The unit test checks the parser with them, the integration test every detail getter.
 */
export const NOT_RECORD_IDS = [
  "007", "07", "00", "0", "-1", "-7", "+7", "1e3", "7e0", "7.0", "1.5", "0x7", "0b1", " 7", "7 ", "\t7", "7\n", "", " ",
  "abc", "7a", "%37", "٧", "７", "9223372036854775808", "99999999999999999999", "09223372036854775807", "1;DROP TABLE lead",
];
