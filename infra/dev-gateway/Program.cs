using HybridVote.DevGateway;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes(builder.Configuration), GatewayRoutes.Clusters(builder.Configuration));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
