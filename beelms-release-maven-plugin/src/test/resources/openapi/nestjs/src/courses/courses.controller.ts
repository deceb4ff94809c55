import { Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { CoursesService } from './courses.service';

/* Public catalogue; enrolment needs a token. */
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  list() {
    return this.courses.list();
  }

  @Get(':courseId')
  get(@Param('courseId') courseId: string) {
    return this.courses.get(courseId);
  }

  @Post(':courseId/enroll')
  @HttpCode(204)
  @UseGuards(JwtAuthGuard)
  enroll(@Param('courseId') courseId: string, @Req() req: any) {
    return this.courses.enroll(courseId, req.user.id);
  }
}
