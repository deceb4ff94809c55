import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { AuthorGuard } from '../auth/author.guard';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { AdminWikiService } from './admin-wiki.service';

// Authors and admins edit the wiki.
@Controller('admin/wiki')
@UseGuards(JwtAuthGuard, AuthorGuard)
export class AdminWikiController {
  constructor(private readonly wiki: AdminWikiService) {}

  @Get('articles')
  list() {
    return this.wiki.list();
  }

  @Post('articles')
  create(@Body() body: { slug: string; title: string; content: string }) {
    return this.wiki.create(body);
  }
}
