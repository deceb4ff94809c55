import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../auth/admin.guard';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { TeacherGuard } from '../auth/teacher.guard';
import { AdminCoursesService } from './admin-courses.service';

// Teachers and admins manage courses; bulk status changes and deletion are admin-only.
@Controller('admin/courses')
@UseGuards(JwtAuthGuard, TeacherGuard)
export class AdminCoursesController {
  constructor(private readonly courses: AdminCoursesService) {}

  @Get()
  list() {
    return this.courses.list();
  }

  @Post()
  create(@Body() body: { title: string; languages: string[] }) {
    return this.courses.create(body);
  }

  @Get(':id')
  course(@Param('id') id: string) {
    return this.courses.byId(id);
  }

  @Patch('status/bulk')
  @UseGuards(AdminGuard)
  bulkStatus(@Body() body: { ids: string[]; status: 'draft' | 'active' }) {
    return this.courses.bulkStatus(body.ids, body.status);
  }

  @Delete(':id')
  @UseGuards(AdminGuard)
  remove(@Param('id') id: string) {
    return this.courses.remove(id);
  }
}
