import { runPlatformProgram } from "./components/program";

// Stack outputs: edgeEndpoints, tenantNamespaces, tenantTiers, trafficWeights.
export = runPlatformProgram();
