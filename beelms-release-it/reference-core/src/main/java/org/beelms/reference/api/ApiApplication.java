package org.beelms.reference.api;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.backup.BackupJobs;
import org.beelms.reference.backup.BackupSetup;
import org.beelms.reference.backup.BackupStore;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.Jdbc;
import org.beelms.reference.db.MetricsRepository;
import org.beelms.reference.db.UserRepository;
import org.beelms.reference.db.WikiRepository;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** Wires the API's resources, guards, faults and error mappers into one Jersey application. */
public final class ApiApplication {

  private ApiApplication() {
  }

  /** The Jersey application serving the API on {@code dataSource} as {@code config} says. */
  public static ResourceConfig create(ReferenceCoreConfig config, DataSource dataSource) {
    return create(config, dataSource, new BackupJobs(dataSource,
        new BackupStore(BackupSetup.temporaryFolder(), Clock.systemUTC()), false, Clock.systemUTC()));
  }

  /** As {@link #create(ReferenceCoreConfig, DataSource)}, with the admin backup API's {@code backups}. */
  public static ResourceConfig create(ReferenceCoreConfig config, DataSource dataSource, BackupJobs backups) {
    Jdbc jdbc = new Jdbc(dataSource);
    UserRepository users = new UserRepository(jdbc);
    CourseRepository courses = new CourseRepository(jdbc);
    WikiRepository wiki = new WikiRepository(jdbc);
    MetricsRepository metrics = new MetricsRepository(jdbc);
    TokenService tokens = new TokenService(config.jwtSecret(), config.jwtTtl(), Clock.systemUTC(),
        config.faultAcceptAlgNone());
    RateLimiter rateLimiter = new RateLimiter(config.rateLimits(), Clock.systemUTC());

    ResourceConfig application = new ResourceConfig();
    application.setApplicationName("beelms-reference-core");
    // Our own mappers answer JSON for every error; Jackson's would answer text/plain.
    application.register(JacksonFeature.withoutExceptionMappers());
    application.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    application.property(ServerProperties.WADL_FEATURE_DISABLE, true);

    // Resources are registered as classes (so Jersey models them as resources, not providers) and get their
    // collaborators by constructor injection from these instances.
    application.register(new AbstractBinder() {
      @Override
      protected void configure() {
        bind(config).to(ReferenceCoreConfig.class);
        bind(users).to(UserRepository.class);
        bind(courses).to(CourseRepository.class);
        bind(wiki).to(WikiRepository.class);
        bind(metrics).to(MetricsRepository.class);
        bind(backups).to(BackupJobs.class);
        bind(tokens).to(TokenService.class);
        bind(rateLimiter).to(RateLimiter.class);
        bind(new PasswordHasher()).to(PasswordHasher.class);
      }
    });
    ApiResources.RESOURCE_CLASSES.forEach(application::register);

    application.register(new AuthenticationFilter(tokens, users, config.faultUnguardedRoutes(), config.adminEmail()));
    application.register(new AdminOnlyFilter());
    application.register(new SecurityHeadersFilter());
    application.register(new FaultInjectionFilter(config.absentRoutes(), config.faultFailingRoutes(),
        config.faultSlowRoute(), config.faultSlowDelay()));
    if (config.faultMalformedId500()) {
      application.register(new MalformedIdFaultFilter());
    }
    if (config.faultLeakPasswordHash() || config.faultPriceAsString()) {
      application.register(new LeakyResponsesFaultFilter(config.faultLeakPasswordHash(), config.faultPriceAsString()));
    }
    if (config.faultSlowRoute().isEmpty() && config.faultSlowDelay().compareTo(Duration.ZERO) > 0) {
      application.register(new SlowResponsesFilter(config.faultSlowDelay()));
    }

    if (config.frontEnd().spaFallback()) {
      application.register(new SpaFallbackFilter());
    }

    application.register(ApiExceptionMapper.class);
    application.register(WebApplicationExceptionMapper.class);
    application.register(UnexpectedExceptionMapper.class);
    return application;
  }
}
