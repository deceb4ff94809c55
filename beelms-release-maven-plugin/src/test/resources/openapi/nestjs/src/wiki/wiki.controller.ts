import { Controller, Get, Param, Query } from '@nestjs/common';
import { WikiService } from './wiki.service';

@Controller('wiki/articles')
export class WikiController {
  constructor(private readonly wiki: WikiService) {}

  @Get()
  list(@Query('q') q?: string) {
    return this.wiki.list(q);
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.wiki.get(slug);
  }
}
