import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../auth/admin.guard';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';

// @Controller('legacy-admin') is gone; this comment must not count
@Controller({ path: 'admin' })
@UseGuards(
  JwtAuthGuard,
  AdminGuard,
)
export class AdminController {
  @Get('users')
  users(@Query('q') q?: string) {
    return [];
  }

  @Patch('users/:id')
  patch(@Param('id') id: string, @Body() body: { active: boolean }) {
    return { id, ...body };
  }
}
