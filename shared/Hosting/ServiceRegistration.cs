using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace HybridVote.Hosting;

/// <summary>Registers keys, PostgreSQL, Redis and the stores; shared by the functions and the CLI.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds everything the functions' services depend on.</summary>
    public static IServiceCollection AddHybridVoteCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HybridVoteOptions>().BindConfiguration(HybridVoteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(HybridVoteOptions.Section).Get<HybridVoteOptions>() ?? new HybridVoteOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => KeyFiles.Load(options.KeysDirectory));
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<Sealer>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(options.Database));
        services.AddSingleton<IConnectionMultiplexer>(sp => ConnectRedis(options.Redis, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<ElectionStore>();
        services.AddSingleton<BureauStore>();
        services.AddSingleton<VoterStore>();
        services.AddSingleton<StatusStore>();
        services.AddSingleton<ReceiptQueue>();
        services.AddSingleton<BallotRegistry>();
        services.AddSingleton<ElectionImporter>();
        services.AddSingleton(sp =>
        {
            var cache = ActivatorUtilities.CreateInstance<StatusCache>(sp);
            cache.Unavailable += () => HvMetrics.RedisUnavailable.Inc();
            return cache;
        });
        return services;
    }

    private static ConnectionMultiplexer ConnectRedis(string configuration, ILoggerFactory loggers)
    {
        var config = ConfigurationOptions.Parse(configuration);
        // The functions must start and answer while Redis is down (ARCHITECTURE §4).
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 1000;
        config.SyncTimeout = 1000;
        config.AsyncTimeout = 1000;
        config.LoggerFactory = loggers;
        return ConnectionMultiplexer.Connect(config);
    }
}
