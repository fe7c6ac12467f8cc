/**
 * A FirstPromoter id in a list's URL filter (`?promoter=`, `?campaign=`): canonical digits, at most 18
 * of them, as lib/firstpromoter/schemas.ts accepts ids, so every value is a bigint and one id has one
 * spelling.
 */
export const FP_ID = /^[1-9]\d{0,17}$/;
