export { compareNewestFirst, listSeedFiles, loadLibrary, readSeed, MAX_SEED_BYTES, UserError, type LoadedLibrary } from './load';
