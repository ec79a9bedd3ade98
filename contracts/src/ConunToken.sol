// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ConunToken
/// @notice The CONUN token: requesters pay for renders and nodes earn in it.
/// @dev A plain OpenZeppelin ERC-20 (18 decimals). Minting is restricted to the
/// owner, the deployer by default, so a development chain or a test can fund
/// accounts; on a public chain the owner would mint once and renounce.
contract ConunToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Conun", "CON") Ownable(initialOwner) {}

    /// @notice Creates `amount` new tokens for `to`. Only the owner may mint.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
