// The leads table's shape while it loads (the page's Suspense fallback and loading.tsx), one
// width per column in column order: email, state, suspicion, promoter, campaign, plan, three dates.
export const LEADS_SKELETON = {
  columnCount: 9,
  filterCount: 8,
  cellWidths: ["w-44", "w-16", "w-16", "w-32", "w-28", "w-16", "w-24", "w-24", "w-24"],
};
