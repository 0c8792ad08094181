export {
  compareNewestFirst,
  listLibraryFiles,
  listSeedFiles,
  loadLibrary,
  readSeed,
  readPage,
  readPageSync,
  isLibraryFileName,
  readSeedBytes,
  MAX_SEED_BYTES,
  type LoadedLibrary,
} from './load';
