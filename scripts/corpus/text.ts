/**
 * Plausible English for the synthetic corpus: sentences from templates in vocab.ts with their
 * slots filled from word lists, grouped into paragraphs of realistic length (50–900 chars).
 */
import { slugify } from '../../main/core/parse/post-id';
import type { Rng } from './random';
import * as V from './vocab';

export type Voice = 'comment' | 'blogger' | 'news' | 'notice';

const VOICES: Record<Voice, readonly string[]> = {
  comment: V.COMMENT_SENTENCES,
  blogger: V.BLOGGER_SENTENCES,
  news: V.NEWS_SENTENCES,
  notice: V.NOTICE_SENTENCES,
};

const SLOT = /\{(\w+)\}/g;
/** Longest paragraph the generator writes (the seeds go to about 1,100; most stay under 900). */
export const MAX_PARAGRAPH = 900;

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)([a-z])/g, (_, space: string, ch: string) => space + ch.toUpperCase());
}

export class TextGen {
  private readonly slots: Record<string, () => string>;

  constructor(
    readonly rng: Rng,
    readonly year: number,
  ) {
    const r = rng;
    const secretaries = V.JUSTICE_SECRETARIES[year] ?? V.JUSTICE_SECRETARIES[2014]!;
    this.slots = {
      org: () => r.pick(V.ORGS),
      union: () => r.pick(V.UNIONS),
      company: () => r.pick(V.COMPANIES),
      crc: () => r.pick(year < 2014 ? V.TRUSTS : V.CRCS),
      justiceSec: () => r.pick(secretaries),
      minister: () => r.pick(V.JUNIOR_MINISTERS),
      person: () => (r.chance(0.2) ? r.pick(V.RARE_NAMES) : r.pick(V.PEOPLE)),
      rare: () => r.pick(V.RARE_NAMES),
      napoPerson: () => r.pick(['Pat Waterman', 'Katie Lomas', 'Mike Guilfoyle', ...V.RARE_NAMES]),
      role: () => r.pick(V.ROLES),
      roles: () => r.pick(V.ROLES_PLURAL),
      place: () => r.pick(V.PLACES),
      thing: () => r.pick(V.THINGS),
      thingTitle: () => titleCase(r.pick(V.THINGS).replace(/^the /, '')),
      problem: () => r.pick(V.PROBLEMS),
      adj: () => r.pick(V.NEG_ADJ),
      adjTitle: () => titleCase(r.pick(V.NEG_ADJ)),
      buzz: () => r.pick(year < 2013 ? V.PRE_TR_BUZZ : V.BUZZ),
      buzzTitle: () => titleCase(r.pick(year < 2013 ? V.PRE_TR_BUZZ : V.BUZZ).replace(/^the /, '')),
      quote: () => r.pick(V.QUOTED_PHRASES),
      group: () => r.pick(V.GROUPS),
      groupOrg: () => r.pick(['charities', 'housing associations', 'social enterprises', 'mutuals']),
      outlet: () => r.pick(V.OUTLETS_IN_TEXT),
      month: () => r.pick(V.MONTHS),
      month2: () => r.pick(V.MONTHS),
      weekday: () => r.pick(V.WEEKDAYS.slice(1, 6)),
      time: () => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
      n: () => String(r.int(2, 30)),
      n2: () => String(r.int(3, 12)),
      n3: () => String(r.int(40, 180)),
      big: () =>
        thousands(
          r.weighted([
            [3, r.int(120, 999)],
            [5, r.int(1000, 25000)],
            [1, r.int(25000, 250000)],
          ]),
        ),
      pct: () => (r.chance(0.7) ? `${r.int(2, 85)}%` : `${r.int(2, 85)} per cent`),
      money: () => this.money(),
      gbp: () => thousands(r.int(1, 99) * 1000).replace(/,/g, ' '),
      gbp2: () => thousands(r.int(1, 20) * 100000).replace(/,/g, ' '),
      year: () => String(year),
      pyear: () => String(r.int(Math.max(2005, year - 6), Math.max(2006, year - 1))),
      oldyear: () => String(r.int(1982, 2008)),
      nextyear: () => String(year + r.int(0, 2)),
      service: () => r.pick(V.NOTICE_SERVICES),
      spokes: () => this.fill(r.pick(V.SPOKES_QUOTES)),
    };
  }

  money(): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [3, () => `£${r.int(2, 950)}m`],
      [2, () => `£${r.int(1, 9)}.${r.int(1, 9)}bn`],
      [2, () => `£${thousands(r.int(5, 95) * 1000)}`],
      [1, () => `£${r.int(10, 90)}k`],
      [1, () => `£${r.int(1, 99)}.${String(r.int(0, 99)).padStart(2, '0')}`],
    ])();
  }

  /** Fills `{slot}`s in a template. */
  fill(template: string): string {
    return template.replace(SLOT, (whole, name: string) => {
      const slot = this.slots[name];
      return slot ? slot() : whole;
    });
  }

  /** One sentence; `avoid` holds templates already used in this paragraph, to keep them from repeating. */
  sentence(voice: Voice, avoid?: Set<string>): string {
    const pool = VOICES[voice];
    let template = this.rng.pick(pool);
    for (let tries = 0; avoid && avoid.has(template) && tries < 4; tries++) template = this.rng.pick(pool);
    avoid?.add(template);
    const text = this.fill(template);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /**
   * One paragraph (one line) of `voice`, aiming at a length between min and max characters and
   * never longer than MAX_PARAGRAPH unless a single sentence is.
   */
  paragraph(voice: Voice, min = 50, max = 600): string {
    const r = this.rng;
    const target = min + Math.floor(r.next() * r.next() * (max - min) * 1.6);
    const limit = Math.min(MAX_PARAGRAPH, Math.max(max, target));
    const used = new Set<string>();
    let text = this.sentence(voice, used);
    let guard = 0;
    while (text.length < Math.min(target, limit) && guard++ < 40) {
      const next = this.sentence(voice, used);
      if (text.length + next.length + 1 > limit) break;
      // Now and then a non-breaking space after a sentence, as in the seeds.
      text += (r.chance(0.03) ? '\u00a0 ' : ' ') + next;
    }
    if (r.chance(0.25)) text = text.replace(/'/g, '’');
    return text;
  }

  paragraphs(voice: Voice, count: number, min?: number, max?: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.paragraph(voice, min, max));
    return out;
  }

  headline(): string {
    return this.fill(this.rng.pick(V.HEADLINES));
  }

  slug(text: string): string {
    return slugify(text, 70);
  }

  /** A full URL for a headline, on a site from the list. */
  url(headline: string): string {
    const r = this.rng;
    if (r.chance(0.06)) {
      const words = headline.replace(/[‘’]/g, '').split(' ').join('%20');
      return `http://www.barnet-today.co.uk/news.cfm?id=${r.int(10000, 99999)}&headline=${words}`;
    }
    const site = r.pick(V.URL_SITES);
    const scheme = this.year >= 2016 || r.chance(0.3) ? 'https' : 'http';
    return `${scheme}://${site.host}${site.path(this.year, this.slug(headline), String(r.int(10000000, 99999999)))}`;
  }

  /** A URL with its scheme and part of its host lost, like ".redpepper.org.uk/is-there-…/". */
  partialUrl(headline: string): string {
    const full = this.url(headline).replace(/^https?:\/\//, '');
    return this.rng.chance(0.6) ? full.replace(/^www/, '') : full;
  }

  /** Date line in one of the Blogger formats. */
  static dateLine(style: 'uk' | 'uk-comma' | 'us', weekday: string, day: number, month: string, year: number): string {
    if (style === 'us') return `${weekday}, ${month} ${day}, ${year}`;
    if (style === 'uk-comma') return `${weekday}, ${day} ${month} ${year}`;
    return `${weekday} ${day} ${month} ${year}`;
  }
}
