import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@Req() req: { user: { id: string } }) {
    return this.users.profile(req.user.id);
  }

  @Get('me/courses')
  myCourses(@Req() req: { user: { id: string } }) {
    return this.users.courses(req.user.id);
  }
}
