// Config section `rollback.npm`: the release set and the registry.
import * as z from "zod";

export const RollbackNpmConfig = z.strictObject({
  packages: z.array(z.string().min(1)).min(1).optional().meta({ description: "the packages released together; a rollback must name exactly these" }),
  registry: z.string().min(1).optional().meta({ description: "registry URL passed to npm as --registry" }),
});
export type RollbackNpmConfig = z.infer<typeof RollbackNpmConfig>;

export const RollbackConfigSection = z.looseObject({ npm: RollbackNpmConfig.optional() });
export type RollbackConfigSection = z.infer<typeof RollbackConfigSection>;
