// Official document numbers as Nghị định 30/2020/NĐ-CP writes them: number/symbol, numbers below
// 10 with a leading zero (05/KH-SGDĐT); the symbol is the document type and the issuer's abbreviation.

export function documentSymbol(documentType: string, issuerAbbreviation: string): string {
  return `${documentType}-${issuerAbbreviation}`;
}

export function writtenNumber(sequence: number, symbol: string): string {
  return `${String(sequence).padStart(2, '0')}/${symbol}`;
}

/** The number as written, or null while the document has none (a draft). */
export function writtenNumberOrNull(sequence: number | null, symbol: string | null): string | null {
  return sequence !== null && symbol !== null ? writtenNumber(sequence, symbol) : null;
}
