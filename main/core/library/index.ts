export {
  compareNewestFirst,
  listLibraryFiles,
  listSeedFiles,
  loadLibrary,
  readSeed,
  readSeedBytes,
  MAX_SEED_BYTES,
  type LoadedLibrary,
} from './load';
