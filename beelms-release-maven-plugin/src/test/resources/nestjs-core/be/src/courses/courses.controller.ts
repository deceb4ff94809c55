import { Controller, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { CoursesService } from './courses.service';

@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  catalog() {
    return this.courses.catalog();
  }

  @Get(':id')
  course(@Param('id') id: string) {
    return this.courses.byId(id);
  }

  @UseGuards(JwtAuthGuard)
  @Post(':courseId/enroll')
  enroll(@Param('courseId') courseId: string, @Req() req: { user: { id: string } }) {
    return this.courses.enroll(courseId, req.user.id);
  }

  @UseGuards(JwtAuthGuard)
  @Post(':courseId/unenroll')
  unenroll(@Param('courseId') courseId: string, @Req() req: { user: { id: string } }) {
    return this.courses.unenroll(courseId, req.user.id);
  }

  // The only way to complete a task.
  @UseGuards(JwtAuthGuard)
  @Post(':courseId/curriculum/:itemId/complete')
  complete(
    @Param('courseId') courseId: string,
    @Param('itemId') itemId: string,
    @Req() req: { user: { id: string } },
  ) {
    return this.courses.complete(courseId, itemId, req.user.id);
  }
}
