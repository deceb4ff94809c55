import { Controller, Delete, Get, HttpCode, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';

@Controller('users/me')
@UseGuards(JwtAuthGuard)
export class UsersController {
  @Get()
  me(@Req() req: any) {
    return req.user;
  }

  @Delete()
  @HttpCode(204)
  remove(@Req() req: any) {
    return undefined;
  }

  @Get('courses')
  courses(@Req() req: any) {
    return [];
  }
}
