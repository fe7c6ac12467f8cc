// The page's own notFound() (a promoter gone between the layout's check and the page's query) shows
// the same message as the layout's (../not-found.tsx).
export { default } from "../not-found.tsx";
