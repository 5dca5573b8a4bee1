using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Core.Provisioning;
using Microsoft.Extensions.Configuration;

namespace Bridges.Hosting.Runtime;

/// <summary>One enabled bridge with its validated options and the section its connector is built from.</summary>
internal sealed record BridgeSettings(NetworkPlugin Plugin, IConfigurationSection Section, BridgeInstanceOptions Instance,
    BridgeOptions Options, ProvisioningOptions Provisioning);
