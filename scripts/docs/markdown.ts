/** Text fit for one Markdown table cell: pipes escaped, line breaks folded. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
