using HybridVote.Hosting;
using HybridVote.Reception;
using HybridVote.ReceptionStation;
using HybridVote.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("ReceptionStation");
builder.Services.AddSingleton<ScanLookup>();
builder.Services.AddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<ReceiptQueue>()));
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>());
builder.Services.AddSingleton<IntakeService>();
builder.Services.AddSingleton<StationService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapStationEndpoints();
app.Run();
