/**
 * Built-in KIS Open API simulator: REST + WebSocket on 127.0.0.1 over a simulated KRX market.
 *
 *   const sim = await createKisSimulator({ seed: 'demo' });          // real clock, port 0
 *   sim.restUrl  → use as both the "prod" and the "vps" REST base
 *   sim.wsUrl    → connect to `${sim.wsUrl}/tryitout`
 *   sim.credentials.real / .paper → app key (36), secret (180), CANO, HTS ID, approval key
 *   sim.control  → advance (manual clock), faults, pause/resume, burst; same ops at /__sim/*
 *   await sim.close();
 *
 * From a bundle (out/main) pass `resourcesDir` (the folder holding listings.json) or `listings`.
 */
export {
  createKisSimulator,
  parseRequestUrl,
  type KisSimulator,
  type KisSimulatorOptions,
  type SimControl,
  type SimCredentials,
  type SimStatus,
} from './simulator';
export { loadListings, parseListings, resolveSimResourcesDir, type SimListing } from './listings';
export { REST_PATHS, type FailureMode } from './rest';
export type { SessionMode, SessionPhase } from './sessions';
export type { SimMarket, SymbolState } from './market';
