using HybridVote.DevIdp;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevIdentityProvider();

var app = builder.Build();
await app.Services.RegisterClientAsync();
app.UseAuthentication();
app.UseAuthorization();
app.MapDevIdpEndpoints();
app.Run();
