// The promoters table's shape while it loads: shared by page.tsx (Suspense) and loading.tsx.
export const PROMOTERS_SKELETON = {
  columnCount: 8,
  filterCount: 4,
  cellWidths: ["w-48", "w-16", "w-20", "w-28", "w-24", "w-24", "w-24", "w-24"],
};
