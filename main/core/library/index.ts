export { compareNewestFirst, listSeedFiles, loadLibrary, MAX_SEED_BYTES, UserError, type LoadedLibrary } from './load';
