using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace HybridVote.Hosting;

/// <summary>Registers keys, PostgreSQL, Redis and the stores; shared by the functions and the CLI.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds everything the functions' services depend on.</summary>
    public static IServiceCollection AddHybridVoteCore(this IServiceCollection services)
    {
        services.AddOptions<HybridVoteOptions>().BindConfiguration(HybridVoteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        // Read when first resolved, so that every configuration source (tests included) has been applied.
        services.AddSingleton(sp => KeyFiles.Load(Options(sp).KeysDirectory));
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<Sealer>();
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(Options(sp).Database);
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = Options(sp).AutoPrepare;
            }

            // No session state outlives a transaction here (advisory locks are pg_advisory_xact_lock,
            // temporary tables ON COMMIT DROP, no SET), so a pooled connection needs no reset
            // statements when it is returned: they were parsed and run by PostgreSQL on every
            // checkout (NFR002, NFR006: about a tenth more single receipts per second, scripts/bench ingest).
            builder.ConnectionStringBuilder.NoResetOnClose = true;
            // The data source's name labels the driver's metrics; unnamed, it is the connection string.
            builder.Name = "hybridvote";

            return builder.Build();
        });
        services.AddSingleton<IConnectionMultiplexer>(sp => ConnectRedis(Options(sp).Redis, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<ElectionStore>();
        services.AddSingleton<BureauStore>();
        services.AddSingleton<StaffStore>();
        services.AddSingleton<ReceptionStore>();
        services.AddSingleton<TallyStore>();
        services.AddSingleton<ResultsStore>();
        services.AddSingleton<VoterStore>();
        services.AddSingleton<StatusStore>();
        services.AddSingleton<ReceiptQueue>();
        services.AddSingleton<BallotRegistry>();
        services.AddSingleton<BallotPdfStore>();
        services.AddSingleton<SessionRevocationStore>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton(sp =>
        {
            var cache = ActivatorUtilities.CreateInstance<StatusCache>(sp);
            cache.Unavailable += () => HvMetrics.RedisUnavailable.Inc();
            return cache;
        });
        services.AddSingleton(sp =>
        {
            var limiter = ActivatorUtilities.CreateInstance<CheckRateLimiter>(sp);
            limiter.Unavailable += () => HvMetrics.RedisUnavailable.Inc();
            return limiter;
        });
        return services;
    }

    private static HybridVoteOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<HybridVoteOptions>>().Value;

    private static ConnectionMultiplexer ConnectRedis(string configuration, ILoggerFactory loggers)
    {
        var config = ConfigurationOptions.Parse(configuration);
        // The functions must start and answer while Redis is down (ARCHITECTURE §4).
        config.AbortOnConnectFail = false;
        // While Redis is unreachable, fail at once and answer from PostgreSQL instead of queueing
        // commands until their timeout (which would make every status answer wait a second).
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = 1000;
        config.SyncTimeout = 1000;
        config.AsyncTimeout = 1000;
        config.LoggerFactory = loggers;
        return ConnectionMultiplexer.Connect(config);
    }
}
