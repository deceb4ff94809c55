import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { OptionalJwtAuthGuard } from '../auth/optional-jwt-auth.guard';
import { FeatureEnabledGuard } from '../common/feature-enabled.guard';
import { WikiService } from './wiki.service';

// Guests read the wiki; a token, when sent, only personalises the answer.
@Controller('wiki')
@UseGuards(OptionalJwtAuthGuard, FeatureEnabledGuard('wiki'))
export class WikiController {
  constructor(private readonly wiki: WikiService) {}

  @Get('articles')
  list(@Query('lang') lang?: string, @Query('q') q?: string) {
    return this.wiki.list(lang, q);
  }

  @Get('articles/:slug')
  article(@Param('slug') slug: string, @Query('lang') lang?: string) {
    return this.wiki.bySlug(slug, lang);
  }
}
