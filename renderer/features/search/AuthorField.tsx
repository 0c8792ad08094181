import { useId } from 'react';
import { useApp } from '../../store';

interface AuthorFieldProps {
  /** The name typed, "" for anyone. */
  value: string;
  onChange(author: string): void;
}

/**
 * The Author filter: a text field that suggests the library's authors (a datalist, which the
 * browser offers as the field's own list, each name with how many texts it wrote). A name
 * matches whole, in any case; one not in the list (past the 200 most frequent) can be typed.
 * Not shown for a library whose pages name no author.
 */
export function AuthorField({ value, onChange }: AuthorFieldProps) {
  const authors = useApp((s) => s.searchAuthors);
  const failed = useApp((s) => s.searchAuthorsStatus === 'error');
  const listId = useId();
  // A library whose pages name nobody has nothing to filter by (unless the list could not be read).
  if (!authors.length && !value && !failed) return null;
  return (
    <>
      <label className="author-field">
        Author{' '}
        <input
          type="text"
          list={authors.length ? listId : undefined}
          value={value}
          size={16}
          maxLength={200}
          placeholder="Anyone"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {/* Outside the label, so that its names are not part of the field's. */}
      {authors.length > 0 && (
        <datalist id={listId}>
          {authors.map((author) => (
            <option key={author.name} value={author.name}>
              {`${author.count.toLocaleString('en-GB')} ${author.count === 1 ? 'text' : 'texts'}`}
            </option>
          ))}
        </datalist>
      )}
    </>
  );
}
