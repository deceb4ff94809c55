import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  // Liveness only: no version, no database check.
  @Get()
  health() {
    return { status: 'ok' };
  }
}
