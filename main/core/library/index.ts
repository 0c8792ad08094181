export {
  compareNewestFirst,
  listLibraryFiles,
  listSeedFiles,
  loadLibrary,
  readSeed,
  readSeedBytes,
  MAX_SEED_BYTES,
  UserError,
  type LoadedLibrary,
} from './load';
