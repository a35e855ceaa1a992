// Downloads: the Content-Disposition that names the file a response is saved as.

/** Content-Disposition for a download (RFC 6266): `filename` for old clients, `filename*` (RFC 8187) for the others. */
export function attachment(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encoded}`;
}
