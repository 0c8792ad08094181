import { describe, expect, it } from 'vitest';
import { collectionIri, exportText, fromJsonLd, toJsonLd } from './export';
import type { Annotation } from './types';

const annotation = (id: string, postId: string, note = ''): Annotation => ({
  id,
  library: '/home/reader/On Probation',
  postId,
  postTitle: 'Omnishambles Update 48',
  postDate: '2014-05-07',
  part: 'comment:3.2',
  kind: 'highlight',
  quote: { exact: 'tipping point', prefix: 'a "', suffix: '" of instability' },
  position: { start: 120, end: 133 },
  colour: 'yellow',
  note,
  tags: ['prisons'],
  created: '2026-12-01T10:00:00.000Z',
  updated: '2026-12-01T10:05:00.000Z',
  deleted: null,
  anchor: { state: 'exact', part: 'comment:3.2', start: 120, end: 133 },
});

/** An IRI as the model needs it: a scheme, then something (JSON-LD also expands a compact `prefix:` one). */
const isIri = (value: unknown) => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

type Json = Record<string, unknown>;

describe('the JSON-LD export, against the Web Annotation model', () => {
  const scope = { library: '/home/reader/On Probation' };
  const exported = toJsonLd(
    [
      annotation('0f8fad5b-d9cb-469f-a165-70867728950e', 'p1', 'Who said this?'),
      annotation('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'p2'),
    ],
    'Threadline annotations — On Probation',
    scope,
  ) as Json;
  const page = exported['first'] as Json;

  it('gives the collection exactly one IRI and its type, with the model context (§5.1)', () => {
    expect(exported['@context']).toContain('http://www.w3.org/ns/anno.jsonld');
    expect(isIri(exported['id'])).toBe(true);
    expect(exported['type']).toBe('AnnotationCollection');
    expect(exported['total']).toBe(2);
  });

  it('gives its page exactly one IRI, its type and its items, and names the collection it is part of (§5.2)', () => {
    expect(isIri(page['id'])).toBe(true);
    expect(page['id']).not.toBe(exported['id']);
    expect(page['type']).toBe('AnnotationPage');
    expect(page['partOf']).toBe(exported['id']);
    expect(page['startIndex']).toBe(0);
    expect(page['items']).toHaveLength(2);
  });

  it('gives every annotation an IRI, its type and a target; every textual body a value (§3)', () => {
    for (const item of page['items'] as Json[]) {
      expect(isIri(item['id'])).toBe(true);
      expect(item['type']).toBe('Annotation');
      expect((item['target'] as Json)['source']).toSatisfy(isIri);
      for (const body of item['body'] as Json[]) {
        expect(body['type']).toBe('TextualBody');
        expect(typeof body['value']).toBe('string');
      }
    }
  });

  it('keeps the same ids on every export of the same library or post, and other ids for another scope', () => {
    expect(collectionIri(scope)).toBe(exported['id']);
    expect(collectionIri({ ...scope })).toBe(collectionIri(scope));
    expect(collectionIri({ ...scope, postId: 'p1' })).not.toBe(collectionIri(scope));
    expect(collectionIri({ library: '/home/reader/Other' })).not.toBe(collectionIri(scope));
  });

  it('imports its own export again', () => {
    const back = fromJsonLd(JSON.parse(JSON.stringify(exported)), scope.library);
    expect(back.map((a) => a.id)).toEqual([
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    ]);
  });
});

describe('the Markdown export', () => {
  it('links back to each annotation with its threadline:// link', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const md = exportText([annotation(id, 'p1', 'A note')], 'markdown', {
      library: '/home/reader/On Probation',
      linkId: '0123456789abcdef',
    });
    expect(md).toContain(`[open in Threadline](threadline://0123456789abcdef/p1#a${id})`);
    expect(exportText([annotation(id, 'p1')], 'markdown', { library: '/x' })).not.toContain('threadline://');
  });
});
