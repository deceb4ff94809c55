import { CanActivate, ExecutionContext, Injectable, NotFoundException, mixin } from '@nestjs/common';

// A feature flag, not an access check: every caller gets in while the feature is on; while it is
// off the route answers 404 as if it did not exist.
export function FeatureEnabledGuard(feature: string) {
  @Injectable()
  class Guard implements CanActivate {
    canActivate(_context: ExecutionContext): boolean {
      if (process.env[`FEATURE_${feature.toUpperCase()}`] === 'off') {
        throw new NotFoundException();
      }
      return true;
    }
  }
  return mixin(Guard);
}
