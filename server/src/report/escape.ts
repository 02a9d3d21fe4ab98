const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The one way any text reaches the report's HTML or SVG, in element content and in quoted
 * attribute values alike. Record text is the author's, and the report must show `<script>` as
 * the eight characters it is.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
