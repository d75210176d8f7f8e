"""关爱帮扶: the register of people helped, their acts of help and contacts with parents."""
