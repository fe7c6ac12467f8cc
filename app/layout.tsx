import type { Metadata } from "next";
import { CURRENCY_META, ledgerCurrency } from "@/lib/format/amount.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ledger", template: "%s · Ledger" },
  description: "FirstPromoter affiliate program ledger",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* Browser-side amount formatting reads the cash unit's currency from here (lib/format/amount.ts). */}
        <meta name={CURRENCY_META} content={ledgerCurrency()} />
      </head>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
