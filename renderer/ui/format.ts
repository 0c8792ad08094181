import { MONTHS } from '../../main/core/shared/calendar';

/** "20 May 2019" from "2019-05-20". */
export function formatDate(iso: string | null): string {
  if (!iso) return 'Undated';
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "May 2019" from "2019-05-20"; "Undated" for null. */
export function formatMonth(iso: string | null): string {
  if (!iso) return 'Undated';
  const [year, month] = iso.split('-').map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "15 comments", or "15 of 16 comments" when the file declared a different count. */
export function formatCommentCount(found: number, declared: number | null): string {
  const noun = (n: number) => (n === 1 ? 'comment' : 'comments');
  if (declared === null || declared === found) return `${found} ${noun(found)}`;
  return `${found} ${noun(found)} (${declared} declared)`;
}
