import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../preload/api';
import { coreBridge } from '../../test-support/test-bridge';
import { createAppStore } from './index';

describe('the timeline slice over the real core', () => {
  it('counts a search per month without its dates, once per words, kinds, source and author', async () => {
    const { bridge, service } = await coreBridge();
    const asked: unknown[] = [];
    const counting: Bridge = {
      ...bridge,
      'search.timeline': (request) => {
        asked.push(request);
        return bridge['search.timeline'](request);
      },
    };
    const store = createAppStore(counting);
    store.getState().setSearchQuery('probation');
    await store.getState().loadSearchTimeline();
    const all = await service.handlers['search.timeline']({ query: 'probation' });
    expect(store.getState().searchTimeline).toMatchObject({ months: all.months, total: all.total });
    // A month chosen (the dates) counts nothing again: the chart keeps every month.
    store.getState().setSearchFilters({ from: '2014-05-01', to: '2014-05-31' });
    await store.getState().loadSearchTimeline();
    expect(asked).toEqual([{ query: 'probation', sourceKey: null }]);
    // Fewer kinds do.
    store.getState().setSearchFilters({ kinds: ['post'] });
    await store.getState().loadSearchTimeline();
    expect(asked[1]).toEqual({ query: 'probation', kinds: ['post'], sourceKey: null });
    expect(store.getState().searchTimeline!.total).toBeLessThan(all.total);
    // An author does too (the seeds name none).
    store.getState().setSearchFilters({ author: ' Nobody ' });
    await store.getState().loadSearchTimeline();
    expect(asked[2]).toEqual({ query: 'probation', kinds: ['post'], sourceKey: null, author: 'Nobody' });
    expect(store.getState().searchTimeline!.total).toBe(0);
  });

  it('loads the library timeline when opened', async () => {
    const { bridge } = await coreBridge();
    const store = createAppStore(bridge);
    store.getState().openLibraryTimeline();
    expect(store.getState().libraryTimelineOpen).toBe(true);
    await store.getState().loadLibraryTimeline();
    expect(store.getState().libraryTimeline?.busiest.map((t) => t.title)).toEqual([
      'Latest From Napo 188',
      'Omnishambles Update 48',
    ]);
  });
});
