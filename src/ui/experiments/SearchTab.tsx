/** The Search tab: set-up on the left, progress and results on the right, saved searches below. */
import { useEffect } from 'react';
import { initSearchDefaults, openSavedSearch } from '../../store/experiments-search';
import { useExperimentsStore, type SavedSearch } from '../../store/experiments-store';
import type { ExperimentRecord } from '../../store/experiments-db';
import { SavedList } from './controls';
import { SearchResults } from './SearchResults';
import { SearchSetup } from './SearchSetup';

export function SearchTab() {
  const saved = useExperimentsStore((s) => s.saved.search) as ExperimentRecord<SavedSearch>[];
  const activeId = useExperimentsStore((s) => s.search.recordId);
  useEffect(() => initSearchDefaults(), []);
  return (
    <div className="xp-columns">
      <SearchSetup />
      <div className="xp-main">
        <SearchResults />
        <SavedList kind="search" title="Saved searches" records={saved} onOpen={openSavedSearch} activeId={activeId}
          empty="Every search is saved in this browser as it runs (trial by trial), so a reload or a closed tab keeps it." />
      </div>
    </div>
  );
}
